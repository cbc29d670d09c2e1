/* modelimage.c: build-time compiler of the model images, the feature rows
 * of a model file ready to load: reading them from the text costs most of
 * the engine's start-up (see cls_image_write in classify.h and
 * secm_image_write in secmodel.h).
 *
 *     modelimage issue|sector MODEL OUT
 */
#include <stdio.h>
#include <string.h>

#include "classify.h"
#include "secmodel.h"

int main(int argc, char **argv)
{
    int issue = argc == 4 && strcmp(argv[1], "issue") == 0;
    if (argc != 4 || (!issue && strcmp(argv[1], "sector") != 0)) {
        fprintf(stderr, "usage: modelimage issue|sector MODEL OUT\n");
        return 2;
    }
    qs_err err = {0};
    qs_rc rc = issue ? cls_image_write(argv[2], argv[3], &err) : secm_image_write(argv[2], argv[3], &err);
    if (rc != QS_OK) {
        fprintf(stderr, "modelimage: %s\n", err.msg);
        return 1;
    }
    return 0;
}
