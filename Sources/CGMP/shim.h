#ifndef BITTRUE_CGMP_SHIM_H
#define BITTRUE_CGMP_SHIM_H
#include <gmp.h>
#endif
