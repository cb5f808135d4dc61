/* check.c - being written */
#include "ozgtui/check.h"
