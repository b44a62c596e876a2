/* placeholder: being written */
#include "galley-importer.h"
