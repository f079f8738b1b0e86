/* jkhelper_impl.ko: provides module jkhelper version 2 under a file name that is not jkhelper.ko. */
#include "kmod.h"

DECLARE_MODULE(jkhelper);
MODULE_VERSION(jkhelper, 2);
