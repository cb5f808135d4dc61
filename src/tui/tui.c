/* tui.c - being written */
#include "ozgtui/status.h"
