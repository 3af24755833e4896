import ArgumentParser

/// `--place-route PART` and `--place-route-timeout SECONDS` of `bittrue netlist report`:
/// place and route the design for an iCE40 part with Yosys and nextpnr-ice40 (off by
/// default).
struct PlaceRouteOptions: ParsableArguments {
  /// The iCE40 parts a design can be placed on, each in one package.
  enum Part: String, CaseIterable, ExpressibleByArgument {
    case hx1k = "ice40-hx1k"
    case hx8k = "ice40-hx8k"
    case lp8k = "ice40-lp8k"
    case up5k = "ice40-up5k"

    /// nextpnr-ice40's device option.
    var deviceFlag: String { "--" + rawValue.dropFirst("ice40-".count) }

    /// The package placed on: the one with the most I/O pins for the larger parts.
    var package: String {
      switch self {
      case .hx1k: return "tq144"
      case .hx8k: return "ct256"
      case .lp8k: return "cm81"
      case .up5k: return "sg48"
      }
    }
  }

  @Option(
    name: .customLong("place-route"),
    help: ArgumentHelp(
      "Also place and route for an iCE40 part (\(Part.allCases.map(\.rawValue).joined(separator: ", "))) with Yosys and nextpnr-ice40.",
      valueName: "part"))
  var part: Part?

  @Option(
    name: .customLong("place-route-timeout"),
    help: ArgumentHelp("Time limit of each place-and-route tool run.", valueName: "seconds"))
  var timeout: Int = 600

  func validate() throws {
    guard (1...86_400).contains(timeout) else {
      throw ValidationError("--place-route-timeout must be between 1 and 86400 seconds")
    }
  }
}
