/* filter.c - being written */
#include "ozgtui/filter.h"
