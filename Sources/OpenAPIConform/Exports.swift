@_exported import ConformFindings
