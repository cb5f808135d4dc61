/* store.c - being written */
#include "ozgtui/store.h"
