import Designs

/// Every model family the hardware commands accept, and the registry that picks one by a
/// file's content.
public enum ModelFamilies {
  /// The families, asked in this order (see ``Designs/ModelFamily`` to add one).
  public static let all: [any ModelFamily] = [LogicNetFamily(), BinarizedNetFamily()]

  /// A registry of ``all``.
  public static let registry = DesignRegistry(families: all)
}
