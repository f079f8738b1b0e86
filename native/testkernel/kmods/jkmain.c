/* jkmain.ko: needs jkhelper, version 1 to 3, preferably 2 (found only through linker.hints). */
#include "kmod.h"

DECLARE_MODULE(jkmain);
MODULE_VERSION(jkmain, 1);
MODULE_DEPEND(jkmain, jkhelper, 1, 2, 3);
