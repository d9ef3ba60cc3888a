// The library's users see the whole pipeline through one import.
@_exported import ConformFindings
@_exported import ConformSpec
@_exported import ConformValues
