/* placeholder: being written */
#include "galley-recipe-json.h"
