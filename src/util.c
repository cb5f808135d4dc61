/* util.c - being written */
#include "ozgtui/util.h"
