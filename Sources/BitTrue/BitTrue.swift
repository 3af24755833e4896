// The umbrella module: `import BitTrue` brings in every library target except Cosim
// (which starts processes and is imported explicitly where needed).
@_exported import BinarizedNets
@_exported import BitCore
@_exported import Datasets
@_exported import Designs
@_exported import FixedPoint
@_exported import Hashing
@_exported import Inference
@_exported import IntegerTraining
@_exported import LogicNets
@_exported import ModelFamilies
@_exported import ModelLowering
@_exported import NetlistIR
@_exported import NetlistPasses
@_exported import NetlistSim
@_exported import Reports
@_exported import TrainingCore
@_exported import VerilogEmit
