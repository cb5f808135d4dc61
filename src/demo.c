/* demo.c - being written */
#include "ozgtui/demo.h"
