#!/usr/bin/env bash
# `make run`: a demo database (made once, kept between runs), then the server.
set -euo pipefail
bin=$1 db=$2 listen=$3
if [[ ! -f "$db" ]]; then
  echo "Demo-database aanmaken in $db …"
  "$bin" demo --db "$db"
else
  echo "Bestaande database $db wordt gebruikt (verwijder het bestand voor een verse demo)."
  echo "Demo-logins: leerkracht, ib, directeur, zorgteam, ouder, beheer, privacy, ib-regenboog — wachtwoord koers-demo"
  echo "Met tweestapsverificatie: directeur-2fa (wachtwoord koers-demo, plus de code uit een authenticator-app"
  echo "  met sleutel KOERSDEMOKOERSDEMOKOERSDEMOKOERS, of: oathtool --totp -b KOERSDEMOKOERSDEMOKOERSDEMOKOERS)"
fi
echo
echo "Open http://$listen in de browser."
exec "$bin" serve --db "$db" --listen "$listen" --public-url "http://$listen"
