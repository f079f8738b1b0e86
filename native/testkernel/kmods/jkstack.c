/* jkstack.ko: two modules in one file, the second needing the first's sibling chain: jkstack needs
 * jkmain (so jkmain's own dependency follows), and jkstack_extra needs jkstack (itself, no load). */
#include "kmod.h"

DECLARE_MODULE(jkstack);
MODULE_VERSION(jkstack, 1);
MODULE_VERSION(jkstack_extra, 1);
MODULE_DEPEND(jkstack, jkmain, 1, 1, 1);
MODULE_DEPEND(jkstack_extra, jkstack, 1, 1, 1);
