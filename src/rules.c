/* rules.c - being written */
#include "ozgtui/rules.h"
