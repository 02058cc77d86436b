/* A stand-in for the frozen app in the Windows installer's checks (a frozen build of the
 * app itself cannot be made on Linux). Built twice with MinGW-w64:
 *
 *   codingplan.exe                    console: each run appends its arguments and exit code
 *                                     to %CODINGPLAN_STANDIN_LOG%; "configured" prints
 *                                     %CODINGPLAN_STANDIN_TOOLS% ("|" between lines); the
 *                                     command named in %CODINGPLAN_STANDIN_FAIL% exits 1.
 *   Coding Plan Configurator.exe      windowed (-DWINDOWED): holds the app's mutex, as the
 *                                     real app does while it runs, until it is ended.
 *
 * STANDIN_BUILD (a -D string) tells one build from another in the upgrade check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#ifndef STANDIN_BUILD
#define STANDIN_BUILD "0"
#endif

static void record(int argc, char **argv, int code) {
    const char *path = getenv("CODINGPLAN_STANDIN_LOG");
    FILE *log;
    int i;
    if (!path || !*path) return;
    log = fopen(path, "a");
    if (!log) return;
    fprintf(log, "%s", STANDIN_BUILD);
    for (i = 1; i < argc; i++) fprintf(log, "\t%s", argv[i]);
    fprintf(log, "\t=> %d\n", code);
    fclose(log);
}

#ifdef WINDOWED
int main(int argc, char **argv) {
    HANDLE mutex = CreateMutexA(NULL, FALSE, "CodingPlanConfigurator");
    record(argc, argv, 0);
    if (!mutex) return 1;
    for (;;) Sleep(1000); /* until the setup ends it */
}
#else
int main(int argc, char **argv) {
    const char *fail = getenv("CODINGPLAN_STANDIN_FAIL");
    const char *tools = getenv("CODINGPLAN_STANDIN_TOOLS");
    int code = 0;
    if (argc > 1 && fail && strcmp(fail, argv[1]) == 0) {
        fprintf(stderr, "codingplan: %s failed (as asked)\n", argv[1]);
        code = 1;
    } else if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("codingplan %s\n", STANDIN_BUILD);
    } else if (argc > 1 && strcmp(argv[1], "configured") == 0 && tools) {
        const char *p;
        for (p = tools; *p; p++) putchar(*p == '|' ? '\n' : *p);
        if (*tools) putchar('\n');
    }
    record(argc, argv, code);
    return code;
}
#endif
