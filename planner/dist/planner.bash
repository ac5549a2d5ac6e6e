# bash completion for planner. It asks planner itself, so it completes what the installed program has:
# commands (from `planner --help`), a command's options (from `planner COMMAND --help`), the values of
# options that take a fixed set (`--format table|csv|json`, as the usage lines show them), and the names of
# the bundled protocols (from `planner protocols --format csv`). Files are completed everywhere else.
_planner() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  local program=${COMP_WORDS[0]}

  if ((COMP_CWORD == 1)); then
    local commands
    commands=$("$program" --help 2>/dev/null | sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p')
    mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
    return
  fi

  local command=${COMP_WORDS[1]} help
  help=$("$program" "$command" --help 2>/dev/null) || return

  # The value of an option: a fixed set when the usage shows one (--opt a|b|c), else a file name.
  if [[ $prev == --* ]]; then
    local values
    values=$(grep -o -- "$prev [a-z][a-z0-9-]*\(|[a-z][a-z0-9-]*\)\+" <<<"$help" | cut -d' ' -f2 | tr '|' '\n' | sort -u || true)
    if [[ -n $values ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
      return
    fi
    if grep -q -- "^  \(-[a-z] \[ \)\?$prev \]\? *[A-Z]" <<<"$help"; then
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      compopt -o filenames 2>/dev/null || true
      return
    fi
  fi

  if [[ $cur == -* ]]; then
    local options
    options=$(grep -o -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u || true)
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return
  fi

  # A positional argument: a bundled protocol name or a file.
  local protocols
  protocols=$("$program" protocols --format csv 2>/dev/null | tail -n +2 | cut -d, -f1)
  mapfile -t COMPREPLY < <(compgen -W "$protocols" -- "$cur"; compgen -f -- "$cur")
  compopt -o filenames 2>/dev/null || true
}
complete -F _planner planner
