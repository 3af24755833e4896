// LogicNets re-exports BitCore: its API uses the shared gate table, CounterRNG and the rounding
// and overflow modes.
@_exported import BitCore
