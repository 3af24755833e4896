/// Netlists shared by the Cosim and CLI tests.
public enum Fixtures {
  /// A small clocked design touching the instantiated primitives.
  public static let clockedAdder = """
    netlist "adder"
    %0 "x" = input "x" : 8
    %1 "y" = input "y" : 8
    %2 "sum" = add.u %0, %1 : 9
    %3 = round.s 3 RND_CONV %2 : 7
    %4 "sat" = resize.s SAT %3 : 4
    %5 "acc" = reg 4'h0 %4 : 4
    %6 "s" = output "s" %5 : 4
    %7 "ones" = popcount %0, %1 : 5
    %8 "c" = output "c" %7 : 5

    """

  /// A two-gate, three-input logic net in the `difflogic-net` interchange form (GroupSum of
  /// two classes), for CLI tests that need a model file and no training.
  public static let tinyLogicNet = """
    {"format":"difflogic-net","version":1,"inputs":3,
     "layers":[{"gates":[1,6],"a":[0,1],"b":[2,2]}],"group_sum":{"k":2,"tau":1}}
    """
}
