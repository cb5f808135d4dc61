/* view_table.c - the top-level views, in the order of keys 1-5 (Tab cycles them).
 * A new top-level view is one file view_NAME.c plus one row here. */
#include "ozgtui/view.h"

#ifdef HAVE_VIEW_BOARD
extern const struct view_ops view_board;
#endif

const struct view_ops *const tui_top_views[] = {
	&view_dashboard,
	&view_projects,
#ifdef HAVE_VIEW_BOARD
	&view_board,
#else
	NULL, /* 3: the board, view_board.c (src/tui/meson.build defines HAVE_VIEW_BOARD) */
#endif
	&view_orgs,
	&view_activity,
};
const size_t tui_top_views_len = ARRAY_LEN(tui_top_views);
