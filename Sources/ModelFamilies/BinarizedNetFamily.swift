import BinarizedNets
import Designs
import ModelLowering
import NetlistIR
import NetlistSim

/// Binarized and ternary nets as a ``Designs/ModelFamily``: `bittrue-bnn` files and QONNX.
public struct BinarizedNetFamily: ModelFamily {
  /// The family.
  public init() {}

  /// `binarized net`.
  public var name: String { "binarized net" }

  /// `bittrue-bnn`.
  public var formats: [String] { [BinarizedNet.fileFormat] }

  /// The net of the file (a `bittrue-bnn` file, or ONNX: see `loadONNX`).
  public func load(_ file: DesignFile) throws(DesignError) -> any HardwareModel {
    if !file.isJSON { return try loadONNX(file) }
    do throws(BinarizedNetError) {
      return BinarizedNetDesign(try BinarizedNet(fileData: file.contents))
    } catch {
      throw .model(error.description)
    }
  }
}

/// A binarized net as a ``Designs/HardwareModel``: lowered by
/// ``ModelLowering/BinarizedNetLowering``, evaluated by ``BinarizedNetModelEvaluator``.
public struct BinarizedNetDesign: HardwareModel {
  /// The net (valid).
  public let net: BinarizedNet
  /// The float-to-code quantizer of an imported QONNX graph (nil for a `bittrue-bnn` file).
  public internal(set) var inputQuantizer: GraphInputQuantizer?

  /// The design of a valid net.
  public init(_ net: BinarizedNet) { self.net = net }

  /// `net`.
  public var noun: String { "net" }

  /// ``BinarizedNets/BinarizedNet/sampleBits``.
  public var sampleBits: Int { net.sampleBits }

  /// ``ModelLowering/BinarizedNetLowering/lower(_:name:)``.
  public func lower(name: String) throws(DesignError) -> Netlist {
    BinarizedNetLowering.lower(net, name: name)
  }

  /// ``BinarizedNetModelEvaluator``.
  public func modelEvaluator() -> any Evaluator { BinarizedNetModelEvaluator(net) }

  /// ``ModelLowering/BinarizedNetLowering/isModelGate(_:)``.
  public func isModelGate(_ node: Node) -> Bool { BinarizedNetLowering.isModelGate(node) }

  /// The layers, the output affine and the argmax
  /// (``ModelLowering/BinarizedNetLowering/lowerWithRegions(_:name:)``).
  public func regions() -> [NetlistRegion] { BinarizedNetLowering.lowerWithRegions(net).regions }
}
