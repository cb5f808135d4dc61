/* main.c - being written */
#include "ozgtui/cmd.h"

int main(void)
{
	return 0;
}
