/* jsonio.c - being written */
#include "ozgtui/jsonio.h"
