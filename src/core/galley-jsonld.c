/* placeholder: being written */
#include "galley-jsonld.h"
