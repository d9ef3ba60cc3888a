// The library's users see the whole pipeline through one import.
@_exported import ConformChecks
@_exported import ConformFindings
@_exported import ConformReports
@_exported import ConformSpec
@_exported import ConformTraffic
@_exported import ConformValues
