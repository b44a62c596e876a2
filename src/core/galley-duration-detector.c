/* placeholder: being written */
#include "galley-duration-detector.h"
