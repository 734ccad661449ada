#include "tools/cli/completion_script.hpp"

#include "tools/cli/completion_tree.hpp"

namespace ordinal::cli {
namespace {

// The logic both shells run: POSIX shell only (zsh runs it under `emulate sh`), so the bash
// and zsh scripts differ only in how they read the line and hand back the candidates.
// __ordinal_candidates BIN CUR WORD... prints every candidate for CUR, one per line (the
// shell filters them by prefix), or ":files" when a file name is wanted.
constexpr const char* kCore = R"SH(# Values for flag $2 of command path $1.
__ordinal_flag_values() {
  case "$2" in
    --color) printf '%s\n' auto always never ;;
    --cascade) printf '%s\n' background foreground orphan ;;
    --runtime) printf '%s\n' sim process ;;
    --format) printf '%s\n' list json etcd elasticsearch kafka zookeeper redis ;;
    -o|--output)
      case "$1" in
        version) printf '%s\n' json yaml ;;
        get) printf '%s\n' wide json yaml name ;;
      esac ;;
    -n|--namespace) __ordinal_names namespaces ;;
    -f|--filename|--data-dir|--template) printf '%s\n' :files ;;
  esac
}

# Whether word $1 is among the words command "$2 $3" prints.
__ordinal_has() {
  __ordinal_want="$1"
  shift
  for __ordinal_word in $("$@"); do
    [ "$__ordinal_word" = "$__ordinal_want" ] && return 0
  done
  return 1
}

# Object names of kind $1 from the server the command line names; nothing when none answers.
__ordinal_names() {
  __ordinal_run="$__ordinal_bin"
  case "$__ordinal_run" in
    */*) [ -x "$__ordinal_run" ] || __ordinal_run=__FALLBACK__ ;;
    *) case "$(command -v "$__ordinal_run" 2>/dev/null)" in
         /*) ;;
         *) __ordinal_run=__FALLBACK__ ;;
       esac ;;
  esac
  set -- get "$1" -o name
  [ -n "$__ordinal_server" ] && set -- "$@" --server "$__ordinal_server"
  [ -n "$__ordinal_namespace" ] && set -- "$@" -n "$__ordinal_namespace"
  if command -v timeout >/dev/null 2>&1; then
    set -- timeout 5 "$__ordinal_run" "$@"
  else
    set -- "$__ordinal_run" "$@"
  fi
  "$@" 2>/dev/null </dev/null | while IFS= read -r __ordinal_line; do
    printf '%s\n' "${__ordinal_line#*/}"
  done
}

# Names of kind $1 written KIND/NAME, as the verbs taking one object accept them.
__ordinal_prefixed() {
  __ordinal_names "$1" | while IFS= read -r __ordinal_line; do
    printf '%s\n' "$1/$__ordinal_line"
  done
}

# Positional arguments: $1 command path, $2 how many came before, $3 the first, $4 the word.
__ordinal_arguments() {
  case "$1" in
    get|describe|delete)
      case "$4" in
        */*) __ordinal_prefixed "${4%%/*}" ;;
        *) if [ "$2" -eq 0 ]; then
             __ordinal_kinds
           else
             case "$3" in */*|*,*) ;; *) __ordinal_names "$3" ;; esac
           fi ;;
      esac ;;
    scale|status|'rollout status'|'rollout history'|'rollout undo'|'set image')
      case "$4" in
        */*) __ordinal_prefixed "${4%%/*}" ;;
        *) if [ "$2" -eq 0 ]; then
             __ordinal_prefixed statefulset
           elif [ "$2" -eq 1 ]; then
             case "$3" in */*) ;; *) __ordinal_names "$3" ;; esac
           fi ;;
      esac ;;
    'sim ready'|'sim fail'|'sim unreachable'|'sim reachable')
      if [ "$2" -eq 0 ]; then
        __ordinal_prefixed pod
      elif [ "$1" = 'sim ready' ]; then
        printf '%s\n' true false
      fi ;;
    completion) [ "$2" -eq 0 ] && printf '%s\n' bash zsh ;;
  esac
}

# Remembers the flags the callbacks pass on to the server.
__ordinal_note() {
  case "$1" in
    -s|--server) __ordinal_server="$2" ;;
    -n|--namespace) __ordinal_namespace="$2" ;;
  esac
}

__ordinal_candidates() {
  [ -n "${ZSH_VERSION:-}" ] && emulate -L sh
  __ordinal_bin="$1"
  __ordinal_cur="$2"
  shift 2
  __ordinal_server=''
  __ordinal_namespace=''
  __ordinal_cmd=''
  __ordinal_pending=''
  __ordinal_nargs=0
  __ordinal_first=''
  for __ordinal_w in "$@"; do
    if [ -n "$__ordinal_pending" ]; then
      __ordinal_note "$__ordinal_pending" "$__ordinal_w"
      __ordinal_pending=''
      continue
    fi
    case "$__ordinal_w" in
      --*=*) __ordinal_note "${__ordinal_w%%=*}" "${__ordinal_w#*=}"; continue ;;
      -*) if __ordinal_has "$__ordinal_w" __ordinal_value_flags "$__ordinal_cmd" ||
             __ordinal_has "$__ordinal_w" __ordinal_value_flags ''; then
            __ordinal_pending="$__ordinal_w"
          fi
          continue ;;
    esac
    if [ "$__ordinal_nargs" -eq 0 ] &&
       __ordinal_has "$__ordinal_w" __ordinal_subcommands "$__ordinal_cmd"; then
      __ordinal_cmd="${__ordinal_cmd:+$__ordinal_cmd }$__ordinal_w"
      continue
    fi
    __ordinal_nargs=$((__ordinal_nargs + 1))
    [ "$__ordinal_nargs" -eq 1 ] && __ordinal_first="$__ordinal_w"
  done
  if [ -n "$__ordinal_pending" ]; then
    __ordinal_flag_values "$__ordinal_cmd" "$__ordinal_pending"
    return 0
  fi
  case "$__ordinal_cur" in
    --*=*)
      __ordinal_flag_values "$__ordinal_cmd" "${__ordinal_cur%%=*}" |
        while IFS= read -r __ordinal_line; do
          case "$__ordinal_line" in
            :files) printf '%s\n' :files ;;
            *) printf '%s\n' "${__ordinal_cur%%=*}=$__ordinal_line" ;;
          esac
        done
      return 0 ;;
    -*)
      __ordinal_flags "$__ordinal_cmd"
      # Global flags work after the verb too; its own -h/--help is already listed.
      [ -n "$__ordinal_cmd" ] && __ordinal_flags '' | while IFS= read -r __ordinal_line; do
        case "$__ordinal_line" in -h|--help) ;; *) printf '%s\n' "$__ordinal_line" ;; esac
      done
      return 0 ;;
  esac
  if [ "$__ordinal_nargs" -eq 0 ] && [ -n "$(__ordinal_subcommands "$__ordinal_cmd")" ]; then
    __ordinal_subcommands "$__ordinal_cmd"
    return 0
  fi
  __ordinal_arguments "$__ordinal_cmd" "$__ordinal_nargs" "$__ordinal_first" "$__ordinal_cur"
}

)SH";

constexpr const char* kBash = R"SH(_ordinal() {
  # The line is split on blanks here rather than taken from COMP_WORDS, which bash also splits
  # at '=' and ':'.
  local line="${COMP_LINE:0:COMP_POINT}" cur="" out strip
  local -a w
  read -ra w <<< "$line"
  if [[ -n "$line" && "$line" != *[[:space:]] && ${#w[@]} -gt 0 ]]; then
    cur="${w[${#w[@]}-1]}"
    unset 'w[${#w[@]}-1]'
  fi
  out="$(__ordinal_candidates "${w[0]}" "$cur" "${w[@]:1}")"
  COMPREPLY=()
  local IFS=$'\n'
  if [[ "$out" == ":files" ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "${cur#*=}"))
    return 0
  fi
  COMPREPLY=($(compgen -W "$out" -- "$cur"))
  # Bash replaces only what follows the word's last '=' or ':' (COMP_WORDBREAKS).
  if [[ "$cur" == *[=:]* ]]; then
    strip="${cur%"${cur##*[=:]}"}"
    COMPREPLY=("${COMPREPLY[@]#"$strip"}")
  fi
  return 0
}

complete -F _ordinal ordinal
)SH";

constexpr const char* kZsh = R"SH(_ordinal() {
  local cur="${words[CURRENT]}" out
  local -a candidates
  out="$(__ordinal_candidates "${words[1]}" "$cur" "${(@)words[2,CURRENT-1]}")"
  if [[ "$out" == ":files" ]]; then
    compset -P '*='
    _files
    return
  fi
  [[ -n "$out" ]] || return 1
  candidates=("${(@f)out}")
  compadd -- "${candidates[@]}"
}

if [ "${funcstack[1]}" = "_ordinal" ]; then
  _ordinal "$@"
else
  compdef _ordinal ordinal
fi
)SH";

std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string with_fallback(std::string core, const std::string& fallback) {
  const std::string marker = "__FALLBACK__";
  for (auto at = core.find(marker); at != std::string::npos; at = core.find(marker, at))
    core.replace(at, marker.size(), single_quoted(fallback));
  return core;
}

}  // namespace

std::string completion_script(const CLI::App& app, Shell shell,
                              const std::string& fallback_binary) {
  const std::string how =
      shell == Shell::kBash
          ? "# ordinal bash completion. Load it with: source <(ordinal completion bash)\n\n"
          : "#compdef ordinal\n# ordinal zsh completion. Load it with: autoload -U compinit && "
            "compinit; source <(ordinal completion zsh)\n\n";
  return how + completion_tables(app) + with_fallback(kCore, fallback_binary) +
         (shell == Shell::kBash ? kBash : kZsh);
}

}  // namespace ordinal::cli
