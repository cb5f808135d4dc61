/* status.c - being written */
#include "ozgtui/status.h"
