// Datasets re-exports BitCore: encoded inputs are a BitMatrix.
@_exported import BitCore
