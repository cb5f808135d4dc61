/* codec.c - being written */
#include "ozgtui/codec.h"
