/* jkhelper_v3.ko: provides module jkhelper version 3, in range for jkmain but not its preference. */
#include "kmod.h"

DECLARE_MODULE(jkhelper);
MODULE_VERSION(jkhelper, 3);
