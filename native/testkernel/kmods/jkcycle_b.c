/* jkcycle_b.ko: see jkcycle_a.c. */
#include "kmod.h"

MODULE_VERSION(jkcycle_b, 1);
MODULE_DEPEND(jkcycle_b, jkcycle_a, 1, 1, 1);
