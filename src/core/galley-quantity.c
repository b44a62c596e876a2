/* placeholder: being written */
#include "galley-quantity.h"
