/* ops.c - being written */
#include "ozgtui/ops.h"
