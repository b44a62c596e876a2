/* placeholder: being written */
#include "galley-recipe-summary.h"
