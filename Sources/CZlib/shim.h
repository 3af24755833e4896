#ifndef BITTRUE_CZLIB_SHIM_H
#define BITTRUE_CZLIB_SHIM_H
#include <zlib.h>
#endif
