-- wrk script: save a session's progress, as the player does at each segment
-- change (PUT /api/sessions/{id}, an upsert in the journal). SESSION_PATH
-- comes from the environment.
wrk.method = "PUT"
wrk.path = os.getenv("SESSION_PATH")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"status":"in_progress","segments":[' ..
  '{"index":0,"kind":"prepare","pose":"standing-psoas-lunge","side":"left","planned_ms":15000,"held_ms":15000,"skipped":false},' ..
  '{"index":1,"kind":"hold","pose":"standing-psoas-lunge","side":"left","planned_ms":60000,"held_ms":60000,"skipped":false},' ..
  '{"index":2,"kind":"switch","pose":"standing-psoas-lunge","side":"right","planned_ms":15000,"held_ms":4000,"skipped":false}]}'

-- Fail loudly if anything but 200 comes back: a fast error is no result.
response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
    os.exit(1)
  end
end
