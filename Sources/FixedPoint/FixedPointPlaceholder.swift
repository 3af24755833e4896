// Placeholder: the fixed-point library lands here.
import CGMP
