/* refdata.c - being written */
#include "ozgtui/refdata.h"
