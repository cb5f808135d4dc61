/* catalog.c - being written */
#include "ozgtui/catalog.h"
