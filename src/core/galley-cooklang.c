/* placeholder: being written */
#include "galley-cooklang.h"
