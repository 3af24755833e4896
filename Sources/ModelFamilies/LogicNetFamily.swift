import Designs
import LogicNets
import ModelLowering
import NetlistIR
import NetlistSim

/// Logic nets as a ``Designs/ModelFamily``: trained model files (`bittrue-logicnet`,
/// discretised on load) and difflogic-net interchange files (`difflogic-net`).
public struct LogicNetFamily: ModelFamily {
  /// The family.
  public init() {}

  /// `logic net`.
  public var name: String { "logic net" }

  /// `bittrue-logicnet`, `difflogic-net`.
  public var formats: [String] { [LogicNetModel.fileFormat, DiscreteLogicNet.interchangeFormat] }

  /// The discretised net of the file.
  public func load(_ file: DesignFile) throws(DesignError) -> any HardwareModel {
    do throws(LogicNetsError) {
      return LogicNetDesign(try Self.net(in: file))
    } catch {
      throw .model(error.description)
    }
  }

  /// The discretised net in a trained-model file (by its `format`) or, otherwise, an
  /// interchange file, whose reader then names what is wrong.
  public static func net(in file: DesignFile) throws(LogicNetsError) -> DiscreteLogicNet {
    if file.format == LogicNetModel.fileFormat {
      return try LogicNetModel.load(fileData: file.contents).model.discretized()
    }
    return try DiscreteLogicNet(interchangeJSON: file.contents)
  }
}

/// A discretised logic net as a ``Designs/HardwareModel``: lowered by
/// ``ModelLowering/LogicNetLowering``, evaluated by ``LogicNetModelEvaluator``.
public struct LogicNetDesign: HardwareModel {
  /// The net (valid).
  public let net: DiscreteLogicNet

  /// The design of a valid net.
  public init(_ net: DiscreteLogicNet) { self.net = net }

  /// `net`.
  public var noun: String { "net" }

  /// The net's inputs.
  public var sampleBits: Int { net.inputs }

  /// ``ModelLowering/LogicNetLowering/lower(_:name:)``.
  public func lower(name: String) throws(DesignError) -> Netlist {
    LogicNetLowering.lower(net, name: name)
  }

  /// ``LogicNetModelEvaluator``.
  public func modelEvaluator() -> any Evaluator { LogicNetModelEvaluator(net) }

  /// ``ModelLowering/LogicNetLowering/isNeuronGate(_:)``.
  public func isModelGate(_ node: Node) -> Bool { LogicNetLowering.isNeuronGate(node) }
}
