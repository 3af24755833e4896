/// The data sets BitTrue knows by name, and where each lives under a data directory (the
/// layout of the shared data folder; see its README).
public enum NamedDataset: String, CaseIterable, Sendable {
  /// MNIST, 28×28 grey digits, official 60,000 / 10,000 split (gzipped IDX files).
  case mnist
  /// scikit-learn's 8×8 digits (values 0–16), 1,797 rows, no official split.
  case digits
  /// Breast Cancer Wisconsin (Diagnostic), 569 rows, 30 real features, 2 classes.
  case breastCancer = "breast_cancer"
  /// Fisher's Iris, 150 rows, 4 features, 3 classes.
  case iris
  /// UCI Wine, 178 rows, 13 features, 3 classes.
  case wine
  /// MONK's problem 1, official train / test files.
  case monks1 = "monks-1"
  /// MONK's problem 2, official train / test files.
  case monks2 = "monks-2"
  /// MONK's problem 3, official train / test files (5% label noise in training).
  case monks3 = "monks-3"
  /// UCI Adult (census income), training file only (32,561 rows), categorical columns.
  case adult

  /// Number of classes.
  public var classCount: Int {
    switch self {
    case .mnist, .digits: return 10
    case .iris, .wine: return 3
    case .breastCancer, .monks1, .monks2, .monks3, .adult: return 2
    }
  }

  /// The training (or only) file(s), relative to the data directory. For MNIST: images, then
  /// labels (each may also exist with a `.gz` suffix).
  package var trainFiles: [String] {
    switch self {
    case .mnist: return ["mnist/train-images-idx3-ubyte", "mnist/train-labels-idx1-ubyte"]
    case .digits: return ["digits/digits.csv"]
    case .breastCancer: return ["breast_cancer/breast_cancer.csv"]
    case .iris: return ["iris/iris.csv"]
    case .wine: return ["wine/wine.csv"]
    case .monks1, .monks2, .monks3: return ["monks/\(rawValue)_train.csv"]
    case .adult: return ["adult/adult_train.csv"]
    }
  }

  /// The official test file(s), or none when the data set has no split of its own.
  package var testFiles: [String] {
    switch self {
    case .mnist: return ["mnist/t10k-images-idx3-ubyte", "mnist/t10k-labels-idx1-ubyte"]
    case .monks1, .monks2, .monks3: return ["monks/\(rawValue)_test.csv"]
    case .digits, .breastCancer, .iris, .wine, .adult: return []
    }
  }

  /// Whether the files are IDX (else CSV).
  package var isIDX: Bool { self == .mnist }
}
