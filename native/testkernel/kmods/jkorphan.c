/* jkorphan.ko: needs jkmain, which is there, and jkmissing, which no file provides. */
#include "kmod.h"

DECLARE_MODULE(jkorphan);
MODULE_VERSION(jkorphan, 1);
MODULE_DEPEND(jkorphan, jkmain, 1, 1, 1);
MODULE_DEPEND(jkorphan, jkmissing, 1, 1, 1);
