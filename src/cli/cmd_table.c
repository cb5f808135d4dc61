/* cmd_table.c - being written */
#include "ozgtui/cmd.h"
