/* placeholder: being written */
#include "galley-library.h"
