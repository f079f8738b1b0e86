/* jkcycle_a.ko and jkcycle_b.ko need each other: FreeBSD's kernel links neither. */
#include "kmod.h"

MODULE_VERSION(jkcycle_a, 1);
MODULE_DEPEND(jkcycle_a, jkcycle_b, 1, 1, 1);
