import ConformFuzzDriver

runLibFuzzer(target: "yaml-block-vs-libyaml")
