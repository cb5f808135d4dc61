/* model.c - being written */
#include "ozgtui/model.h"
