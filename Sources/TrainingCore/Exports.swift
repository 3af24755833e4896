// TrainingCore re-exports BitCore: its API uses CounterRNG and the deterministic math.
@_exported import BitCore
